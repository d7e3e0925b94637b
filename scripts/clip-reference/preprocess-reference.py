"""Reference CLIP image preprocessing for ClipImageProcessorTest, computed as Hugging Face's
CLIPImageProcessor computes it (transformers' image_processing_clip + image_transforms): convert
to RGB; resize with Pillow so the shorter side is 224 and the longer int(224 * long / short),
resample BICUBIC; centre crop 224x224 at ((h - 224) // 2, (w - 224) // 2); rescale by 1/255 in
float64, then float32; normalise with CLIP's mean and standard deviation; channels first.
transformers itself cannot be installed here (no PyPI); Pillow and NumPy come from Debian
(python3-pil, python3-numpy). Usage:
    /usr/bin/python3 scripts/clip-reference/preprocess-reference.py > vp-backend-cpu/src/test/resources/clip-reference/preprocess.json
"""
import hashlib
import json
import sys

import numpy as np
import PIL
from PIL import Image

SKIMAGE = "/usr/lib/python3/dist-packages/skimage/data/"
IMAGES = ["astronaut.png", "chelsea.png", "coffee.png", "camera.png", "page.png"]
MEAN = np.array([0.48145466, 0.4578275, 0.40821073], dtype=np.float32)
STD = np.array([0.26862954, 0.26130258, 0.27577711], dtype=np.float32)
SIZE = 224
PROBES = [(0, 0, 0), (1, 111, 57), (2, 223, 223), (0, 17, 200), (1, 200, 3), (2, 100, 100)]

cases = []
for name in IMAGES:
    image = Image.open(SKIMAGE + name).convert("RGB")
    rgb = np.asarray(image, dtype=np.uint8)
    w, h = image.size
    short, long = (w, h) if w <= h else (h, w)
    new_long = int(SIZE * long / short)
    new_w, new_h = (SIZE, new_long) if w <= h else (new_long, SIZE)
    resized = np.asarray(image.resize((new_w, new_h), resample=Image.BICUBIC), dtype=np.uint8)
    top, left = (new_h - SIZE) // 2, (new_w - SIZE) // 2
    crop = resized[top:top + SIZE, left:left + SIZE]
    rescaled = (crop.astype(np.float64) * (1 / 255)).astype(np.float32)
    pixels = ((rescaled - MEAN) / STD).transpose(2, 0, 1)
    cases.append({
        "image": name, "width": w, "height": h, "resized": [new_w, new_h], "crop": [left, top],
        "rgbSha256": hashlib.sha256(rgb.tobytes()).hexdigest(),
        "cropSha256": hashlib.sha256(np.ascontiguousarray(crop).tobytes()).hexdigest(),
        "probes": [{"c": c, "y": y, "x": x, "value": float(pixels[c, y, x])} for c, y, x in PROBES],
        "channelMeans": [float(pixels[c].mean(dtype=np.float64)) for c in range(3)],
    })
json.dump({"pillow": PIL.__version__, "numpy": np.__version__, "madeBy": "scripts/clip-reference/preprocess-reference.py",
           "cases": cases}, sys.stdout, indent=1)
sys.stdout.write("\n")
