#!/usr/bin/env node
// Starts s3rver on 127.0.0.1 with its Node API and prints, one JSON line per message on stdout:
//   {"ready":{"port":<port>}}            once listening
//   {"event":<S3 event notification>}    for every S3 event s3rver emits (ObjectCreated:*, ObjectRemoved:*)
// Usage: node s3rver-events.js [--port N] [--directory DIR] [--bucket NAME]... [--encode-keys]
// Run it with `node --openssl-legacy-provider`: s3rver's ListObjectsV2 continuation tokens use DES, which Node 20's OpenSSL 3
// only offers through the legacy provider (without it, the second page of a listing fails with 500 InternalError).
// --encode-keys rewrites s3.object.key the way real S3 does (form-encoded: ' ' -> '+', UTF-8 %XX; s3rver sends it raw).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const S3rver = require('s3rver');

const args = process.argv.slice(2);
const buckets = [];
let port = 0;
let directory = fs.mkdtempSync(path.join(os.tmpdir(), 's3rver-'));
let encodeKeys = false;
for (let i = 0; i < args.length; i++) {
  switch (args[i]) {
    case '--port': port = Number(args[++i]); break;
    case '--directory': directory = args[++i]; break;
    case '--bucket': buckets.push({ name: args[++i] }); break;
    case '--encode-keys': encodeKeys = true; break;
    default:
      process.stderr.write(`unknown argument ${args[i]}\n`);
      process.exit(2);
  }
}

function s3EncodeKey(key) {
  return encodeURIComponent(key)
    .replace(/%2F/g, '/')
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

const server = new S3rver({
  address: '127.0.0.1',
  port,
  directory,
  silent: true,
  configureBuckets: buckets,
});

server.on('event', event => {
  if (encodeKeys) {
    for (const record of event.Records) {
      record.s3.object.key = s3EncodeKey(record.s3.object.key);
    }
  }
  process.stdout.write(JSON.stringify({ event }) + '\n');
});

server.run((err, address) => {
  if (err) {
    process.stderr.write(`s3rver failed to start: ${err.stack || err}\n`);
    process.exit(1);
  }
  process.stdout.write(JSON.stringify({ ready: { port: address.port, directory } }) + '\n');
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
// Exit when the parent test process goes away (stdin closes).
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();
