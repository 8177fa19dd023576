// Deliberately not a module. common/ and server/ map the module name `vscode` to this file (tsconfig "paths"),
// so `import … from 'vscode'` there fails with "File '…/tsconfig.no-vscode.d.ts' is not a module": the
// VS Code API exists only in the extension host, and only client/ runs there.
