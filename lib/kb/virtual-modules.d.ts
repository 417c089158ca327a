// speed: the build-time fingerprint of the shipped knowledge-base sources (scripts/lib/vite-kb-fingerprint.ts).
declare module 'virtual:kb-sources-fingerprint' {
  const hash: string;
  export default hash;
}
