/**
 * The CloudWatch namespace of every metric the shop's functions write (EMF, through Powertools Metrics),
 * with the dimension `service` Powertools adds from POWERTOOLS_SERVICE_NAME. One name, so that the
 * functions that write a metric and the alarms and dashboards in lib/ that read it cannot disagree.
 */
export const METRICS_NAMESPACE = 'Shop';
