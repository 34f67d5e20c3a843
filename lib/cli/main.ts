/** Entry point of the `replearn` command: parses the sub-command and hands over. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    default:
      console.error(`usage: replearn <run|data|assign|grade|bench|backend> ...\n(unknown command: ${command ?? '(none)'}; args ${rest.length})`);
      return 2;
  }
}
