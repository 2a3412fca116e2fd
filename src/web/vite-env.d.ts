// Vite's client types (CSS imports, import.meta.env) for the web app; the rest of the repository runs on Node types only.
/// <reference types="vite/client" />
