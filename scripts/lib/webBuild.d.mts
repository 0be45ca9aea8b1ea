import type { BuildOptions, Plugin } from 'esbuild';
export declare function webExtensionBuild(base: BuildOptions): BuildOptions;
export declare function noNodeBuiltins(): Plugin;
