// Minimal typings of the two Russian morphology libraries the form generator uses (neither ships any).
declare module 'az' {
  interface AzTag {
    POST?: string;
    CAse?: string;
    NMbr?: string;
    GNdr?: string;
    ANim?: string;
    [grammeme: string]: unknown;
    toString(): string;
  }
  interface AzParse {
    word: string;
    tag: AzTag;
    score: number;
    inflect(grammemes: string[]): AzParse | false;
    normalize(): AzParse;
  }
  interface AzMorph {
    (word: string, options?: Record<string, unknown>): AzParse[];
    init(path: string, callback: (err?: unknown) => void): void;
  }
  const Az: { Morph: AzMorph };
  export default Az;
}

declare module 'petrovich' {
  type Gcase = 'nominative' | 'genitive' | 'dative' | 'accusative' | 'instrumental' | 'prepositional';
  type NameFns = Record<Gcase, (name: string) => string>;
  interface Petrovich {
    male: { first: NameFns; middle: NameFns; last: NameFns };
    female: { first: NameFns; middle: NameFns; last: NameFns };
    androgynous: { first: NameFns; middle: NameFns; last: NameFns };
  }
  const petrovich: Petrovich;
  export default petrovich;
}
