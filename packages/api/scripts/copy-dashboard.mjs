// Build step: the dashboard's page, styles and browser modules are served as they are written
// (plain ES modules, no bundler), so the build copies them next to the compiled server.
import { cpSync, rmSync } from "node:fs";

rmSync("dist/web/static", { recursive: true, force: true });
cpSync("src/web/static", "dist/web/static", { recursive: true });
