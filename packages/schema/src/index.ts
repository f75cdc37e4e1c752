export * from "./geometry.js";
export * from "./layout.js";
export * from "./finding.js";
export * from "./extracted.js";
export * from "./budget.js";
export * from "./meaning.js";
export * from "./exact-amount.js";
export * from "./department.js";
