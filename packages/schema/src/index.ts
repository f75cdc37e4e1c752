export * from "./geometry.js";
export * from "./finding.js";
export * from "./extracted.js";
export * from "./budget.js";
