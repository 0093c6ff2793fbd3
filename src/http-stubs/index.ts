export { MAX_STUBS, parseHttpFixtures, type HttpStub, type HttpStubResponse } from './fixtures.ts';
export { installHttpStubs, unstubbedMessage, type HttpCall, type HttpStubs } from './install.ts';
export { findStub, stubResponse } from './match.ts';
