export declare const CODE_SERVER_VERSION: string;
export declare const APT_PACKAGES: readonly string[];
export declare const CHROMIUM_PATH: string;
export declare function cacheDir(): string;
export declare function codeServerDir(): string;
export declare function codeServerEntry(): string;
export declare function codeServerMarker(): string;
export declare function codeServerReady(): boolean;
export declare const CODE_SERVER_RIPGREP: { packageVersion: string; release: string };
