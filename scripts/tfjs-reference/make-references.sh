#!/usr/bin/env bash
# Regenerates the TF.js reference outputs that the parity test (TfjsParityTest) compares the
# converted ONNX models with, and the nsfwjs scores the nsfw stage is compared with
# (NsfwjsClassifierTest):
#   1. Java writes the exact model inputs (TfjsReferenceInputs: each model fed each test image) and
#      the nsfw stage's pictures (NsfwjsReferenceInputs: RGB bytes and letterboxed 224x224 inputs);
#   2. npm installs the pinned @tensorflow/tfjs and model packages (package-lock.json);
#   3. node runs each model with TF.js's pure-JS CPU backend (reference.js) and writes
#      vp-backend-cpu/src/test/resources/tfjs-reference/<model>.json; then nsfwjs's own infer()
#      (nsfwjs-reference.js) writes vp-backend-cpu/src/test/resources/nsfwjs-reference/nsfwjs.json.
# Needs JDK 17, Maven, Node.js 20 + npm with registry access, and the test media packages
# (python3-skimage, opencv-doc). Run from anywhere:  bash scripts/tfjs-reference/make-references.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/scripts/tfjs-reference"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
mvn -B -q test-compile dependency:build-classpath -pl vp-backend-cpu -am \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
java -cp "vp-backend-cpu/target/test-classes:vp-backend-cpu/target/classes:$(cat vp-backend-cpu/target/test-classpath.txt)" \
  io.visionpipeline.cpu.tfjs.TfjsReferenceInputs "$work/inputs"
java -cp "vp-backend-cpu/target/test-classes:vp-backend-cpu/target/classes:$(cat vp-backend-cpu/target/test-classpath.txt)" \
  io.visionpipeline.cpu.safety.NsfwjsReferenceInputs "$work/nsfwjs-inputs"
(cd "$here" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
node "$here/reference.js" "$work/inputs" "$root/vp-backend-cpu/src/test/resources/tfjs-reference"
mkdir -p "$root/vp-backend-cpu/src/test/resources/nsfwjs-reference"
node "$here/nsfwjs-reference.js" "$work/nsfwjs-inputs" "$root/vp-backend-cpu/src/test/resources/nsfwjs-reference/nsfwjs.json"
