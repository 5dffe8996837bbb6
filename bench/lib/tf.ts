/**
 * The parts of TensorFlow.js used here, as bundled by `@energetic-ai/core` (tfjs-core, converter and
 * the WASM backend in one file). Its .d.ts re-exports `@tensorflow/tfjs-core`, whose types are not
 * installed (a devDependency of that package), so the functions are typed here from tfjs 4.5's API.
 */
import * as bundled from "@energetic-ai/core";

export interface TfRuntime {
  setWasmPaths(prefixOrFileMap: string | Record<string, string>, usePlatformFetch?: boolean): void;
  setThreadsCount(numThreads: number): void;
  getThreadsCount(): number;
  getBackend(): string;
  engine(): { registryFactory?: Record<string, unknown> };
  memory(): { numTensors: number; numBytes: number };
  version: Record<string, string>;
}

export const tf = bundled as unknown as TfRuntime;
