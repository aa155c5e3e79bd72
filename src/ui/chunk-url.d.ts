/** `import url from './Module.tsx?chunk-url'` (scripts/vite-chunk-url.ts): the URL of that module's built chunk. */
declare module '*?chunk-url' {
  const url: string;
  export default url;
}
