export declare const REPO_ROOT: string;
export declare function packageVsix(options: { folder?: string; out: string; skipLicense?: boolean; quiet?: boolean }): { path: string; bytes: number };
