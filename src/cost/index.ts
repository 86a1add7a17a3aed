export * from './compare.js';
export * from './lmi.js';
export * from './prices.js';
export * from './standard.js';
