// Minimal typings for the parts of mvdan-sh (GopherJS build of mvdan.cc/sh/v3/syntax) we use.
declare module 'mvdan-sh' {
  export interface Pos {
    Offset(): number;
    Line(): number;
    Col(): number;
    IsValid(): boolean;
  }
  export interface Node {
    Pos(): Pos;
    End(): Pos;
  }
  export interface ParseError {
    Error(): string;
    Pos: Pos;
    Text: string;
    Incomplete: boolean;
  }
  export interface Parser {
    Parse(src: string, name: string): File;
  }
  export interface File extends Node {
    Stmts: Stmt[];
  }
  export interface Stmt extends Node {
    Cmd: Node | null;
    Redirs: Redirect[];
    Semicolon: Pos;
    Background: boolean;
    Negated: boolean;
  }
  export interface Redirect extends Node {
    Op: number;
    OpPos: Pos;
    N: { Value: string } | null;
    Word: Word | null;
    Hdoc: Word | null;
  }
  export interface Word extends Node {
    Parts: Node[];
    Lit(): string;
  }
  export const syntax: {
    NewParser(...opts: unknown[]): Parser;
    Variant(lang: unknown): unknown;
    KeepComments(keep: boolean): unknown;
    LangBash: unknown;
    NodeType(n: unknown): string;
    Walk(n: Node, f: (n: Node | null) => boolean): void;
  };
}
