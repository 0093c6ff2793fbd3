// Why a login did not produce tokens, as the Authentication API tells the application: an OAuth
// `error` and `error_description` (what the client sees), and the HTTP status for the token endpoint.
// On /authorize the same pair goes to the redirect_uri.

export class LoginError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
    this.name = 'LoginError';
  }
}

// Auth0's wording for the errors its users see most (Authentication API reference, "Standard Error Responses").
export const wrongCredentials = () => new LoginError('invalid_grant', 'Wrong email or password.', 403);
export const userBlocked = () => new LoginError('unauthorized', 'user is blocked', 401);
/** A blocked user's refresh token: Auth0 answers 403 invalid_grant "user is blocked" (what auth0-spa-js checks for to log the user out). */
export const refreshUserBlocked = () => new LoginError('invalid_grant', 'user is blocked', 403);
export const connectionDisabled = (connection: string) => new LoginError('invalid_request', `the connection ${connection} is not enabled for this application`, 400);
export const unknownConnection = (connection: string) => new LoginError('invalid_request', `connection not found: ${connection}`, 400);
export const grantNotAllowed = (grant: string) => new LoginError('unauthorized_client', `Grant type '${grant}' not allowed for the client.`, 403);
export const serviceNotFound = (audience: string) => new LoginError('access_denied', `Service not found: ${audience}`, 403);
export const accessDenied = (reason: string) => new LoginError('access_denied', reason, 403);
