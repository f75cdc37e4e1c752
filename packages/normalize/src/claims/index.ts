export { readClaims } from "./read-claims.js";
export { checkClaims } from "./check-claims.js";
