'use strict';
/**
 * `node -r urna-ts-register file.ts`: compiles each TypeScript file of the repository as Node
 * loads it (compile.js says how and why). Files under node_modules are left to Node, as
 * @swc-node/register left them.
 */
const fs = require('node:fs');
const Module = require('node:module');
const { sep } = require('node:path');
const { compile } = require('./compile');

const NODE_MODULES = `${sep}node_modules${sep}`;

Module._extensions['.ts'] = function loadTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  module._compile(filename.includes(NODE_MODULES) ? source : compile(source, filename), filename);
};

