// The brief requires every test run to state the runtime it used; the repo pins Node 24+.
export default function setup(): void {
  const major = Number(process.versions.node.split('.')[0]);
  console.log(`Tests running on Node ${process.version}`);
  if (major < 24) throw new Error(`Node ${process.version} is too old: the project requires Node >= 24`);
}
