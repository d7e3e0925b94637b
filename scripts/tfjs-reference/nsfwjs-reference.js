// Classifies the nsfwjs reference pictures with nsfwjs itself (its bundled MobileNetV2 and
// MobileNetV2Mid models on TensorFlow.js's pure-JS CPU backend) and writes the class
// probabilities the nsfw stage is compared with. Usage (make-references.sh does all of it):
//   node nsfwjs-reference.js <inputs-dir written by NsfwjsReferenceInputs> <output-file>
// Two inputs per picture: its RGB pixels, which nsfwjs resizes itself (the stage's resize=nsfwjs),
// and the stage's letterboxed 224x224 picture (resize=letterbox), which nsfwjs takes as it is.
'use strict';
const tf = require('@tensorflow/tfjs');
const nsfwjs = require('nsfwjs');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const [inputsDir, outFile] = process.argv.slice(2);
if (!inputsDir || !outFile) {
  console.error('usage: node nsfwjs-reference.js <inputs-dir> <output-file>');
  process.exit(2);
}

function read(file, sha256) {
  const bytes = fs.readFileSync(path.join(inputsDir, file));
  const sha = crypto.createHash('sha256').update(bytes).digest('hex');
  if (sha !== sha256) throw new Error(`${file} has SHA-256 ${sha}, expected ${sha256}`);
  return bytes;
}

async function scores(model, tensor) {
  const probabilities = model.infer(tensor);
  const values = Array.from(await probabilities.data(), v => Number(v.toPrecision(9)));
  probabilities.dispose();
  tensor.dispose();
  return values;
}

(async () => {
  await tf.setBackend('cpu');
  const pictures = JSON.parse(fs.readFileSync(path.join(inputsDir, 'inputs.json'), 'utf8'));
  const models = {'mobilenet-v2': await nsfwjs.load('MobileNetV2'), 'mobilenet-v2-mid': await nsfwjs.load('MobileNetV2Mid')};
  const cases = [];
  for (const p of pictures) {
    const rgb = read(p.rgb, p.rgbSha256);
    const f32 = read(p.letterbox, p.letterboxSha256);
    const letterboxed = new Float32Array(f32.buffer.slice(f32.byteOffset, f32.byteOffset + f32.byteLength));
    const result = {image: p.image, width: p.width, height: p.height, rgbSha256: p.rgbSha256, letterboxSha256: p.letterboxSha256, scores: {}};
    for (const [name, model] of Object.entries(models)) {
      result.scores[name] = {
        nsfwjs: await scores(model, tf.tensor3d(Int32Array.from(rgb), [p.height, p.width, 3], 'int32')),
        letterbox: await scores(model, tf.tensor3d(letterboxed, [224, 224, 3], 'float32')),
      };
    }
    cases.push(result);
    console.log(p.image, JSON.stringify(result.scores));
  }
  const reference = {
    nsfwjs: JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules', 'nsfwjs', 'package.json'), 'utf8')).version,
    tfjs: tf.version.tfjs,
    backend: tf.getBackend(),
    classes: ['drawing', 'hentai', 'neutral', 'porn', 'sexy'],
    madeBy: 'scripts/tfjs-reference/make-references.sh',
    cases,
  };
  fs.writeFileSync(outFile, JSON.stringify(reference, null, 1) + '\n');
})().catch(e => {
  console.error(e);
  process.exit(1);
});
