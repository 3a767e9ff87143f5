import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { caseFileName, textLimit } from '../../../src/shared/api';
import { SchemeFileDoor } from '../../../src/renderer/src/features/scheme/SchemeFileDoor';
import { fakeApp } from './fake-app';

afterEach(cleanup);

function emptyWorkspace() {
  return fakeApp({ 'scheme.listWorkspace': () => ({ ok: true, value: { files: [] } }) });
}

describe('creating a scheme file', () => {
  it('suggests a file name the app accepts, even from the longest scheme name', async () => {
    const app = emptyWorkspace();
    render(<SchemeFileDoor />, { wrapper: app.wrapper });
    const schemeName = await screen.findByRole('textbox', { name: /Scheme’s name/ });
    const fileName = screen.getByRole('textbox', { name: /Scheme file name/ }) as HTMLInputElement;
    fireEvent.change(schemeName, { target: { value: 'Northfield: "Trust"' } });
    expect(fileName.value).toBe('Northfield Trust scheme');

    // 120 characters, the most a scheme's name may be: the suggestion is cut at a whole word.
    const longest =
      'Greater Northfield and Westmoor Community Mental Health Coproduction Kitemark Scheme for Peer-Led Organisations Partners';
    expect(longest).toHaveLength(120);
    fireEvent.change(schemeName, { target: { value: longest } });
    expect(fileName.value.length).toBeLessThanOrEqual(textLimit(caseFileName)!);
    expect(fileName.value).toBe(
      'Greater Northfield and Westmoor Community Mental Health Coproduction Kitemark Scheme for Peer-Led Organisations scheme',
    );

    // A name typed over the suggestion is kept as typed.
    fireEvent.change(fileName, { target: { value: 'office' } });
    fireEvent.change(schemeName, { target: { value: 'Another name' } });
    expect(fileName.value).toBe('office');
  }, 20_000);
});
