import { useId } from 'react';
import { Label, Radio, RadioGroup, Text } from 'react-aria-components';
import type { ScoreChoice, ScoreValue } from './scores';

const BACK_KEYS = new Set(['ArrowUp', 'ArrowLeft']);
const ON_KEYS = new Set(['ArrowDown', 'ArrowRight']);

/**
 * Arrow keys move between the score choices but stop at the ends: from "Not enough evidence"
 * nothing wraps round to 0, nor from 0 to "Not enough evidence". React Aria (like the browser)
 * wraps, so an arrow key at an end is caught before it reaches the group. Moving within the group,
 * roving focus and Space are left to React Aria.
 */
export function stopAtEnds(event: React.KeyboardEvent<HTMLElement>): void {
  const target = event.target;
  if (!(target instanceof HTMLInputElement) || target.type !== 'radio') return;
  const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
  const horizontal = event.key === 'ArrowLeft' || event.key === 'ArrowRight';
  const back = horizontal && rtl ? ON_KEYS.has(event.key) : BACK_KEYS.has(event.key);
  const on = horizontal && rtl ? BACK_KEYS.has(event.key) : ON_KEYS.has(event.key);
  if (!back && !on) return;
  const radios = [
    ...event.currentTarget.querySelectorAll<HTMLInputElement>('input[type="radio"]:not(:disabled)'),
  ];
  const index = radios.indexOf(target);
  if ((back && index === 0) || (on && index === radios.length - 1)) {
    event.preventDefault();
    event.stopPropagation();
  }
}

/**
 * The score choices laid out as on the paper sheet: 0 on its own line, the three level texts side
 * by side (stacked on a narrow screen or at the largest text), then "Not enough evidence". Each
 * radio is named by its short name and described by its level text.
 */
export function ScoreChoices({
  label,
  description,
  choices,
  value,
  onChange,
  isDisabled,
}: {
  label: string;
  description?: string;
  choices: readonly ScoreChoice[];
  value: ScoreValue | null;
  onChange: (value: ScoreValue) => void;
  isDisabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="score-choices-keys" onKeyDownCapture={stopAtEnds}>
      <RadioGroup
        className="choice-group score-choices"
        value={value}
        onChange={(next) => onChange(next as ScoreValue)}
        isDisabled={isDisabled}
        orientation="vertical"
      >
        <Label className="field-label">{label}</Label>
        {description && (
          <Text slot="description" className="field-description">
            {description}
          </Text>
        )}
        <div className="score-choice-grid">
          {choices.map((choice) => {
            const nameId = `${id}-${choice.value}-name`;
            const descriptionId = `${id}-${choice.value}-description`;
            const isLevel = choice.value === '1' || choice.value === '2' || choice.value === '3';
            return (
              <Radio
                key={choice.value}
                value={choice.value}
                aria-labelledby={nameId}
                aria-describedby={descriptionId}
                className={`choice score-choice ${isLevel ? 'score-choice-level' : 'score-choice-edge'}`}
              >
                <span className="choice-mark" aria-hidden="true" />
                <span className="choice-text">
                  <span className="score-choice-head">
                    <span className="score-choice-mark" aria-hidden="true">
                      {choice.mark}
                    </span>
                    <span id={nameId} className="choice-label">
                      {choice.name}
                    </span>
                  </span>
                  <span id={descriptionId} className="choice-description">
                    {choice.description}
                  </span>
                </span>
              </Radio>
            );
          })}
        </div>
      </RadioGroup>
    </div>
  );
}
