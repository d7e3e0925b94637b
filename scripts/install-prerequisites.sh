#!/usr/bin/env bash
# Installs what VisionPipeline's build, tests and samples need on a fresh Debian/Ubuntu machine
# (JDK 17 and Maven are assumed), and starts the local services the tests use.
# Safe to run again: it installs only what is missing. Needs root (or sudo).
set -euo pipefail

# Debian packages: test media (skimage, opencv-doc), native engines (tesseract), speech tools,
# ffmpeg (H.264 test videos, decode baselines), Redis, Node.js/npm (models come from npm packages).
packages=(
  python3-skimage      # test images: astronaut.png, coffee.png, chelsea.png, camera.png, page.png
  opencv-doc           # test media: messi5.jpg, vtest.avi, Megamind.avi, scene text images
  ffmpeg               # H.264 test videos and the decoding baseline
  tesseract-ocr        # libtesseract 5 for the tesseract OCR engine
  tesseract-ocr-eng    # English model in the system tessdata folder (multi-language tests: eng+osd)
  tesseract-ocr-osd    # orientation/script model, the second language of the multi-language test
  fonts-dejavu-core    # OCR tests render text: DejaVu Sans, Serif, Sans Mono
  fonts-dejavu-extra   # OCR space calibration renders DejaVu Sans/Serif Condensed
  fonts-liberation2    # OCR tests render text: Liberation Sans, Serif, Mono
  fonts-lato           # OCR tests render text: Lato
  fonts-wqy-microhei   # OCR tests render Chinese: WenQuanYi Micro Hei
  espeak-ng            # synthetic speech with known words
  sox                  # audio editing for speech tests
  redis-server         # the Redis job queue's tests (also redis-cli: the cluster test creates a cluster)
  openssl              # the Redis TLS tests make a throwaway CA and server certificate
  chromium             # browser tests of the HTML report and the server example's search page (headless, DevTools protocol)
  nodejs               # npm fetches models packaged on the npm registry
  npm
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "install-prerequisites: need root to run: $*" >&2; exit 1; fi
}

missing=()
for p in "${packages[@]}"; do
  case "$p" in
    nodejs) command -v node >/dev/null || missing+=("$p") ;;
    npm) command -v npm >/dev/null || missing+=("$p") ;;
    redis-server) command -v redis-server >/dev/null || missing+=("$p") ;;
    openssl) command -v openssl >/dev/null || missing+=("$p") ;;
    chromium) command -v chromium >/dev/null || command -v chromium-browser >/dev/null || missing+=("$p") ;;
    *) dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p") ;;
  esac
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-prerequisites: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Redis on 127.0.0.1:6379 for the queue tests (nothing kept on disk).
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "install-prerequisites: starting redis-server on 127.0.0.1:6379"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.1; done
fi
echo "install-prerequisites: ready"
