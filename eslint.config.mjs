// eslint (flat config) over the hand-written front end: static/js/*.js and the bundle modules
// under static/js/src/. The built copies (static/min/) and the generated catalogues
// (static/js/translations/) are not linted: scripts/assets.py and scripts/i18n.py write them.
// The scripts are classic browser scripts (no modules): each wraps itself in a function and
// shares only through window (AsnXBlocks and the globals the runtimes call).
import js from "@eslint/js";
import globals from "globals";

export default [
  {ignores: ["static/min/**", "static/js/translations/**", "node_modules/**", "build/**", "dist/**", ".venv/**", "var/**"]},
  {
    files: ["static/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2017,
      sourceType: "script",
      globals: {...globals.browser}
    },
    rules: {
      ...js.configs.recommended.rules,
      "no-unused-vars": ["error", {args: "none", caughtErrors: "none"}],
      "strict": ["error", "function"],
      "eqeqeq": ["error", "always"],
      "no-var": "off",
      "no-implicit-globals": "error",
      "no-shadow": "off"
    }
  },
  {
    files: ["tests/js/**/*.mjs", "eslint.config.mjs"],
    languageOptions: {ecmaVersion: 2022, sourceType: "module", globals: {...globals.node}},
    rules: {...js.configs.recommended.rules}
  }
];
