export { runClaimDemo } from "./demo/claim-demo.js";
