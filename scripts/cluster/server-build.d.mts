export declare const REPO_ROOT: string;
export declare const SERVER_ENTRY: string;
/** Builds dist/server/main.js when missing or older than src/server, src/shared; true when it built. */
export declare function ensureServerBuild(): boolean;
