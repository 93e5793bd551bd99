import { describe, expect, it } from 'vitest';
import { errorMessage, isAccessDenied, MissingPermissionError } from '../../functions/runtime/errors';

describe('isAccessDenied', () => {
  it.each([
    [{ name: 'AccessDenied' }, true],
    [{ name: 'AccessDeniedException' }, true],
    [{ Code: 'UnauthorizedOperation' }, true],
    [{ code: 'UnauthorizedAccess' }, true],
    [{ name: 'ServiceException', Code: 'AuthorizationError' }, true],
    [{ name: 'ThrottlingException' }, false],
    [{ name: 'NoSuchBucket', Code: 'NoSuchBucket', code: 'NoSuchBucket' }, false],
    [{}, false],
    [null, false],
    [undefined, false],
    ['AccessDenied', false],
    [403, false],
  ])('%j -> %s', (error, expected) => {
    // Act / Assess
    expect(isAccessDenied(error)).toBe(expected);
  });
});

describe('errorMessage', () => {
  it.each([
    [new Error('boom'), 'boom'],
    [Object.assign(new Error(''), { name: 'TimeoutError' }), 'TimeoutError'],
    ['plain text', 'plain text'],
    [42, '42'],
    [undefined, 'undefined'],
  ])('%j -> %s', (error, expected) => {
    // Act / Assess
    expect(errorMessage(error)).toBe(expected);
  });

  it('a missing permission names every action and the cause', () => {
    // Act
    const error = new MissingPermissionError(['glue:GetJobs', 'glue:GetJob'], 'denied');
    // Assess
    expect(error.message).toBe(
      "Access denied: the rule's role is missing glue:GetJobs / glue:GetJob (denied)",
    );
    expect(error.cause).toBe('denied');
  });
});
