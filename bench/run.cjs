'use strict';
require('../src/node/register.cjs').register();
require('./index.ts');
