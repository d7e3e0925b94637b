#!/usr/bin/env bash
# Checks the README's claim that an example copies into a fresh Maven project with only the dependency
# lines the README shows: makes such a project (com.example:newcomer) with exactly the lines between the
# README's example-dependencies markers, copies every example program (and the server example's
# resources) into it unchanged, and compiles it in a reactor next to this checkout, so the
# io.visionpipeline snapshots resolve without `mvn install`.
#   scripts/check-examples-standalone.sh [-o]     (-o: Maven offline)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

deps="$(sed -n '/example-dependencies:start/,/example-dependencies:end/p' "$here/README.md" | grep '<dependency>')"
[ -n "$deps" ] || { echo "check-examples-standalone: no dependency lines between the README's markers" >&2; exit 1; }

project="$work/newcomer"
mkdir -p "$project/src/main/java/io/visionpipeline/examples" "$project/src/main/resources"
cp "$here"/vp-examples/src/main/java/io/visionpipeline/examples/*.java "$project/src/main/java/io/visionpipeline/examples/"
cp -r "$here/vp-examples-server/src/main/java/io/visionpipeline/examples/server" "$project/src/main/java/io/visionpipeline/examples/"
cp -r "$here/vp-examples-server/src/main/resources/." "$project/src/main/resources/"

cat > "$project/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>newcomer</artifactId>
  <version>1.0</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
$deps
  </dependencies>
  <build><plugins>
    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.5.0</version></plugin>
    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.16.0</version></plugin>
  </plugins></build>
</project>
POM

cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>newcomer-reactor</artifactId>
  <version>1.0</version>
  <packaging>pom</packaging>
  <modules>
    <module>$(realpath --relative-to="$work" "$here")</module>
    <module>newcomer</module>
  </modules>
</project>
POM

echo "check-examples-standalone: compiling $(find "$project/src/main/java" -name '*.java' | wc -l) example sources with only:" >&2
echo "$deps" | sed 's/^/  /' >&2
mvn -B -q "$@" -f "$work/pom.xml" -pl :newcomer -am -DskipTests compile
echo "check-examples-standalone: OK, every example compiles with the README's dependency lines" >&2
