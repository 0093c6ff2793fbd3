// The connection strategies the Management API accepts: its `strategy` enum as the auth0 SDK v7 lists it
// (Management.ConnectionStrategyEnum), plus older ones that tenants created earlier still report.
export const STRATEGIES: readonly string[] = [
  'ad', 'adfs', 'amazon', 'aol', 'apple', 'asana', 'atlassian', 'auth0', 'auth0-adldap', 'auth0-oidc', 'baidu',
  'bitbucket', 'bitly', 'box', 'cloudflare-mcp', 'custom', 'daccount', 'dropbox', 'dwolla', 'email', 'evernote',
  'evernote-sandbox', 'exact', 'facebook', 'fitbit', 'flickr', 'github', 'gitlab', 'google-apps', 'google-oauth2',
  'hubspot-mcp', 'instagram', 'ip', 'line', 'linear-mcp', 'linkedin', 'miicard', 'notion-mcp', 'oauth1', 'oauth2',
  'office365', 'oidc', 'okta', 'paypal', 'paypal-sandbox', 'pingfederate', 'planningcenter', 'renren', 'salesforce',
  'salesforce-community', 'salesforce-sandbox', 'samlp', 'sentry-mcp', 'sharepoint', 'shop', 'shopify', 'slack',
  'sms', 'soundcloud', 'thecity', 'thecity-sandbox', 'thirtysevensignals', 'twitter', 'untappd', 'vkontakte', 'waad',
  'weibo', 'windowslive', 'wordpress', 'yahoo', 'yammer', 'yandex',
];
