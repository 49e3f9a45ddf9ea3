x.d.ts
