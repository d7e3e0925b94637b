#!/usr/bin/env bash
# Regenerates the nsfwjs reference scores that NsfwjsReferenceTest compares the nsfw stage with:
#   1. Java writes the pictures (NsfwjsReferenceInputs: five photographs, two rendered pencil
#      drawings) as RGB bytes and as the stage's letterboxed 224x224 input;
#   2. npm installs the pinned @tensorflow/tfjs and nsfwjs (package-lock.json);
#   3. node classifies each with nsfwjs's own infer() (nsfwjs-reference.js) and writes
#      vp-backend-cpu/src/test/resources/nsfwjs-reference/nsfwjs.json.
# Needs JDK 17, Maven, Node.js 20 + npm with registry access, and the test media packages
# (python3-skimage, opencv-doc). Run from anywhere:  bash scripts/tfjs-reference/make-nsfwjs-reference.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/scripts/tfjs-reference"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
mvn -B -q test-compile dependency:build-classpath -pl vp-backend-cpu -am \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
java -cp "vp-backend-cpu/target/test-classes:vp-backend-cpu/target/classes:$(cat vp-backend-cpu/target/test-classpath.txt)" \
  io.visionpipeline.cpu.safety.NsfwjsReferenceInputs "$work/inputs"
(cd "$here" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
mkdir -p "$root/vp-backend-cpu/src/test/resources/nsfwjs-reference"
node "$here/nsfwjs-reference.js" "$work/inputs" "$root/vp-backend-cpu/src/test/resources/nsfwjs-reference/nsfwjs.json"
