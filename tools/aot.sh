# Shared by tools/speed.sh and tools/coldstart.sh (source it): NativeAOT publish flags, a hello world, medians.
# NativeAOT links with clang by default; gcc where clang is missing.
aot=(-c Release -r linux-x64)
command -v clang >/dev/null || aot+=(-p:CppCompilerAndLinker=gcc)

publish_hello() { # DIR → DIR/bin/hello, a NativeAOT hello world built like policycheck
  mkdir -p "$1"
  cat > "$1/hello.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><PublishAot>true</PublishAot>
  <InvariantGlobalization>true</InvariantGlobalization><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
</Project>
XML
  echo 'System.Console.WriteLine("hello");' > "$1/Program.cs"
  dotnet publish "$1/hello.csproj" "${aot[@]}" -o "$1/bin"
}

median() { # command... → median wall milliseconds of $runs runs
  local times=()
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
    times+=( $(( (e - s) / 1000 )) )
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}
