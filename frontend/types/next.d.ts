// Committed stand-in for the generated (gitignored) next-env.d.ts, so that
// `npm run typecheck` works in a fresh clone before any `next build`.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
