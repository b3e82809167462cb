/**
 * The PostgreSQL wire protocol front end. Empty until the SQL issue lands; the module exists so the
 * layout and the dependency arrows are fixed from day one.
 */
package io.trustgate.sql;
