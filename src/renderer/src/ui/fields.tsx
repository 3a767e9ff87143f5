import { useState } from 'react';
import {
  Checkbox,
  CheckboxGroup,
  FieldError,
  Input,
  Label,
  Radio,
  RadioGroup,
  Text,
  TextArea,
  TextField as AriaTextField,
  type TextFieldProps as AriaTextFieldProps,
} from 'react-aria-components';
import { Button } from './Button';

export interface TextFieldProps extends Omit<AriaTextFieldProps, 'className' | 'children'> {
  label: string;
  description?: string;
  errorMessage?: string | undefined;
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
}

/** A labelled text box with its hint and its error, all tied to it for screen readers. */
export function TextField({
  label,
  description,
  errorMessage,
  multiline,
  rows = 4,
  placeholder,
  ...props
}: TextFieldProps) {
  return (
    <AriaTextField {...props} isInvalid={errorMessage ? true : props.isInvalid} className="field">
      <Label className="field-label">
        {label}
        {props.isRequired ? <span className="field-required"> (required)</span> : null}
      </Label>
      {description && (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      )}
      {multiline ? (
        <TextArea className="field-input" rows={rows} placeholder={placeholder} />
      ) : (
        <Input className="field-input" placeholder={placeholder} />
      )}
      <FieldError className="field-error">{errorMessage}</FieldError>
    </AriaTextField>
  );
}

/** A label as it reads inside a sentence: "Your PIN" → "your PIN", "PIN" stays "PIN". */
function inSentence(label: string): string {
  const firstWord = label.split(' ')[0] ?? '';
  const isAbbreviation = firstWord.length > 1 && firstWord === firstWord.toUpperCase();
  return isAbbreviation ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** A passphrase or PIN box with a "Show" button, so people can check what they typed. */
export function SecretField(props: Omit<TextFieldProps, 'type' | 'multiline'>) {
  const [shown, setShown] = useState(false);
  return (
    <div className="secret-field">
      <TextField {...props} type={shown ? 'text' : 'password'} autoComplete="off" />
      <Button variant="secondary" onPress={() => setShown((s) => !s)} aria-pressed={shown}>
        {shown ? `Hide ${inSentence(props.label)}` : `Show ${inSentence(props.label)}`}
      </Button>
    </div>
  );
}

export interface Choice<V extends string> {
  value: V;
  label: string;
  description?: string;
}

/** What a group of choices shows around them: its label, its description and its problem. */
function GroupFrame(props: {
  label: string;
  description?: string | undefined;
  errorMessage?: string | undefined;
  children: React.ReactNode;
}) {
  return (
    <>
      <Label className="field-label">{props.label}</Label>
      {props.description && (
        <Text slot="description" className="field-description">
          {props.description}
        </Text>
      )}
      <div className="choices">{props.children}</div>
      <FieldError className="field-error">{props.errorMessage}</FieldError>
    </>
  );
}

/** One choice's words: its label and what it means. */
function ChoiceText({ choice }: { choice: { label: string; description?: string | undefined } }) {
  return (
    <span className="choice-text">
      <span className="choice-label">{choice.label}</span>
      {choice.description && <span className="choice-description">{choice.description}</span>}
    </span>
  );
}

/** A set of radio buttons with a visible group label. */
export function ChoiceGroup<V extends string>(props: {
  label: string;
  description?: string;
  choices: readonly Choice<V>[];
  value: V | null;
  onChange: (value: V) => void;
  isRequired?: boolean;
  isDisabled?: boolean;
  orientation?: 'horizontal' | 'vertical';
  errorMessage?: string | undefined;
}) {
  return (
    <RadioGroup
      className={`choice-group choice-group-${props.orientation ?? 'vertical'}`}
      value={props.value}
      onChange={(v) => props.onChange(v as V)}
      isRequired={props.isRequired}
      isDisabled={props.isDisabled}
      isInvalid={props.errorMessage ? true : undefined}
      orientation={props.orientation ?? 'vertical'}
    >
      <GroupFrame label={props.label} description={props.description} errorMessage={props.errorMessage}>
        {props.choices.map((choice) => (
          <Radio key={choice.value} value={choice.value} className="choice">
            <span className="choice-mark" aria-hidden="true" />
            <ChoiceText choice={choice} />
          </Radio>
        ))}
      </GroupFrame>
    </RadioGroup>
  );
}

/** A set of checkboxes with a visible group label: any number of the choices may be ticked. */
export function ChoiceSet<V extends string>(props: {
  label: string;
  description?: string;
  choices: readonly Choice<V>[];
  value: readonly V[];
  onChange: (value: V[]) => void;
  errorMessage?: string | undefined;
}) {
  return (
    <CheckboxGroup
      className="choice-group choice-group-vertical"
      value={[...props.value]}
      onChange={(v) => props.onChange(v as V[])}
      isInvalid={props.errorMessage ? true : undefined}
    >
      <GroupFrame label={props.label} description={props.description} errorMessage={props.errorMessage}>
        {props.choices.map((choice) => (
          <Checkbox key={choice.value} value={choice.value} className="checkbox">
            {({ isSelected }) => (
              <>
                <span className="checkbox-mark" aria-hidden="true">
                  {isSelected ? '✓' : ''}
                </span>
                <ChoiceText choice={choice} />
              </>
            )}
          </Checkbox>
        ))}
      </GroupFrame>
    </CheckboxGroup>
  );
}

/** A labelled checkbox. */
export function CheckboxField(props: {
  label: string;
  isSelected: boolean;
  onChange: (value: boolean) => void;
  isDisabled?: boolean;
  description?: string;
}) {
  return (
    <Checkbox
      className="checkbox"
      isSelected={props.isSelected}
      onChange={props.onChange}
      isDisabled={props.isDisabled}
    >
      <span className="checkbox-mark" aria-hidden="true">
        {props.isSelected ? '✓' : ''}
      </span>
      <ChoiceText choice={props} />
    </Checkbox>
  );
}
