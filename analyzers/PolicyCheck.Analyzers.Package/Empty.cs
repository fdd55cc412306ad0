// The package project has no code of its own; it packs the analyzer, code-fix and core assemblies.
