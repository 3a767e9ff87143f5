import { describe, expect, it } from 'vitest';
import { quitChosen, quitQuestion } from '../../../src/main/electron';

describe('quitting the desktop app with the panel room open asks first', () => {
  it('quits at once when no room is open', () => {
    expect(quitQuestion([])).toBeNull();
  });

  it('asks, saying how many devices are in the room, with “Go back” as the default and Escape', () => {
    const question = quitQuestion([{ devices: 3 }])!;
    expect(question.message).toBe('The panel room is open with 3 devices. Quit and close the room?');
    expect(question.detail).toContain('signs those devices out; they are told the room has closed');
    expect(question.detail).toContain('Answers already saved stay in the case file.');
    expect(question.buttons).toEqual(['Go back', 'Quit and close the room']);
    expect(question.buttons[question.defaultId]).toBe('Go back');
    expect(question.buttons[question.cancelId]).toBe('Go back');
    expect(quitChosen(question.buttons.indexOf('Quit and close the room'))).toBe(true);
    expect(quitChosen(question.cancelId)).toBe(false);
  });

  it('says one device, no devices, and several rooms in plain words', () => {
    expect(quitQuestion([{ devices: 1 }])!.message).toBe(
      'The panel room is open with 1 device. Quit and close the room?',
    );
    expect(quitQuestion([{ devices: 1 }])!.detail).toContain('signs that device out; it is told');
    const empty = quitQuestion([{ devices: 0 }])!;
    expect(empty.message).toBe('The panel room is open with no devices in it. Quit and close the room?');
    expect(empty.detail).not.toContain('signs');
    const two = quitQuestion([{ devices: 2 }, { devices: 3 }])!;
    expect(two.message).toBe('2 panel rooms are open, with 5 devices. Quit and close the rooms?');
    expect(two.buttons[1]).toBe('Quit and close the rooms');
  });
});
