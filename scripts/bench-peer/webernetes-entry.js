// What a page needs from webernetes to run the benchmark's workloads: a cluster and a base image to
// serve HTTP from. Bundled (minified, with its `buffer` and `events` polyfills) by bench-peer.mjs.
export { BaseImage, Cluster } from "@ngrok/webernetes";
