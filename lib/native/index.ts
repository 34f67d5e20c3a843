// The native-build toolchain: tfjs-node built against a TensorFlow of our choice, the graph trainer's addon, and
// the check that the native backend agrees with the CPU one. Build-time code; the tfjs kernel patches stay in backend.
export * from './check';
export * from './install';
