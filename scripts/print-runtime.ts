// The test command states which runtime it ran on; the repo pins Node 24+ through the `node` package.
const major = Number(process.versions.node.split('.')[0]);
console.log(`Node ${process.version} (${process.execPath})`);
if (major < 24) {
  console.error('Node >= 24 is required; run the scripts through npm so the pinned runtime is used.');
  process.exit(1);
}
