// The package entry ('replearn'): exactly the public list of lib/public.ts.
export * from './public';
