// Runs each TF.js model on the parity inputs with TensorFlow.js's pure-JS CPU backend and writes
// one reference file per model. Usage (make-references.sh does all of it):
//   node reference.js <inputs-dir written by TfjsReferenceInputs> <output-dir>
'use strict';
const tf = require('@tensorflow/tfjs');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const [inputsDir, outDir] = process.argv.slice(2);
if (!inputsDir || !outDir) {
  console.error('usage: node reference.js <inputs-dir> <output-dir>');
  process.exit(2);
}

// "npm:@scope/pkg@1.2.3#package/dir/model.json" -> absolute path in node_modules, version checked
function resolveNpm(source) {
  const m = /^npm:(.+)@([^@#]+)#package\/(.+)$/.exec(source);
  if (!m) throw new Error('not an npm source: ' + source);
  const [, pkg, version, entry] = m;
  const root = path.join(__dirname, 'node_modules', pkg);
  const installed = JSON.parse(fs.readFileSync(path.join(root, 'package.json'))).version;
  if (installed !== version) throw new Error(`${pkg} ${installed} is installed; the catalog wants ${version}`);
  return path.join(root, entry);
}

// model.json, or a UMD .js module exporting the same object (nsfwjs); shards are binary files or
// .js modules exporting base64 strings
function loadArtifacts(file) {
  const dir = path.dirname(file);
  const model = file.endsWith('.js') ? require(file) : JSON.parse(fs.readFileSync(file, 'utf8'));
  const shards = model.weightsManifest.flatMap(g => g.paths).map(p => {
    for (const candidate of [p, p + '.min.js', p + '.js']) {
      const f = path.join(dir, candidate);
      if (fs.existsSync(f)) return f.endsWith('.js') ? Buffer.from(require(f), 'base64') : fs.readFileSync(f);
    }
    throw new Error('missing shard ' + p + ' next to ' + file);
  });
  const data = Buffer.concat(shards);
  return {
    modelTopology: model.modelTopology,
    format: model.format,
    weightSpecs: model.weightsManifest.flatMap(g => g.weights),
    weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
    signature: model.signature || (model.userDefinedMetadata || {}).signature,
  };
}

async function loadModel(file) {
  const artifacts = loadArtifacts(file);
  const handler = tf.io.fromMemory(artifacts);
  if (artifacts.modelTopology.node) {
    const model = await tf.loadGraphModel(handler);
    return {run: x => model.execute(x, model.outputNodes), names: model.outputNodes};
  }
  const model = await tf.loadLayersModel(handler);
  return {run: x => model.predict(x), names: model.outputNames};
}

function readInput(c) {
  const bytes = fs.readFileSync(path.join(inputsDir, c.file));
  const sha = crypto.createHash('sha256').update(bytes).digest('hex');
  if (sha !== c.sha256) throw new Error(`input ${c.file} has SHA-256 ${sha}, expected ${c.sha256}`);
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const values = c.dtype === 'int32' ? new Int32Array(ab) : new Float32Array(ab);
  return tf.tensor(values, c.shape, c.dtype);
}

(async () => {
  await tf.setBackend('cpu');
  const cases = JSON.parse(fs.readFileSync(path.join(inputsDir, 'inputs.json'), 'utf8'));
  const byModel = new Map();
  for (const c of cases) {
    if (!byModel.has(c.model)) byModel.set(c.model, []);
    byModel.get(c.model).push(c);
  }
  fs.mkdirSync(outDir, {recursive: true});
  for (const [id, modelCases] of byModel) {
    const model = await loadModel(resolveNpm(modelCases[0].tfjsModel));
    const results = [];
    for (const c of modelCases) {
      const x = readInput(c);
      let outputs = model.run(x);
      if (!Array.isArray(outputs)) outputs = [outputs];
      const named = {};
      for (let i = 0; i < outputs.length; i++) {
        const values = Array.from(await outputs[i].data(), v => Number(v.toPrecision(9)));
        named[model.names[i].replace(/:0$/, '')] = {shape: outputs[i].shape, values};
        outputs[i].dispose();
      }
      x.dispose();
      results.push({image: c.image, input: {dtype: c.dtype, shape: c.shape, sha256: c.sha256}, outputs: named});
    }
    const reference = {
      model: id,
      tfjsModel: modelCases[0].tfjsModel,
      tfjs: tf.version.tfjs,
      backend: tf.getBackend(),
      madeBy: 'scripts/tfjs-reference/make-references.sh',
      cases: results,
    };
    fs.writeFileSync(path.join(outDir, id + '.json'), JSON.stringify(reference) + '\n');
    console.log(`${id}: ${results.length} cases -> ${path.join(outDir, id + '.json')}`);
  }
})().catch(e => {
  console.error(e);
  process.exit(1);
});
