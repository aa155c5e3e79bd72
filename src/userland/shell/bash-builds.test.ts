// Each system has its own bash: the nodes Rocky Linux 9's, Debian images theirs.
import { expect, test } from 'vitest';
import { Learner } from '../../engine/tutorial/testkit';

test('bash --version and $BASH_VERSION name the build of the system they run on', () => {
  const learner = new Learner();
  expect(learner.onNode('master01', 'bash --version; echo "$BASH_VERSION"')).toEqual({
    output: `GNU bash, version 5.1.8(1)-release (x86_64-redhat-linux-gnu)
Copyright (C) 2020 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>

This is free software; you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.
5.1.8(1)-release
`,
    code: 0,
  });
  expect(learner.onNode('master01', 'kubectl run old --image=nginx:1.20 && kubectl run new --image=nginx:1.25').code).toBe(0);
  learner.wait(30_000);
  expect(learner.onNode('master01', 'kubectl exec old -- bash -c \'echo $BASH_VERSION\'; kubectl exec new -- bash --version | head -1')).toEqual({
    output: '5.1.4(1)-release\nGNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)\n',
    code: 0,
  });
});
