// Starts `revise lsp` for LaTeX files; the "revise" settings section reaches it through workspace/configuration.
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate() {
  const server = { command: "revise", args: ["lsp"] };
  client = new LanguageClient(
    "revise",
    "revise",
    { run: server, debug: server },
    { documentSelector: [{ scheme: "file", language: "latex" }], synchronize: { configurationSection: "revise" } }
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
