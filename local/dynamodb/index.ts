/** DynamoDB for tests and local mode (dynalite) and the tables the deployment owns; never imported by function code. */
export { startLocalDynamoDb, type LocalDynamoDb } from './local-dynamodb';
export { createTables, TableCreationError } from './create-tables';
