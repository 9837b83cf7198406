/* The desk index's risk register: sort by a column when its heading's button is pressed.
   Allowed by its SHA-256 hash in the page's Content-Security-Policy, and by nothing else. */
(function () {
  var table = document.getElementById("register");
  if (!table) { return; }
  var body = table.tBodies[0];
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  function value(row, column, numeric) {
    var text = row.cells[column].getAttribute("data-sort");
    return numeric ? Number(text) : text;
  }
  heads.forEach(function (head, column) {
    var button = head.querySelector("button");
    if (!button) { return; }
    var numeric = head.getAttribute("data-type") === "number";
    button.addEventListener("click", function () {
      var ascending = head.getAttribute("aria-sort") !== "ascending";
      if (head.getAttribute("aria-sort") === "none" && numeric) { ascending = false; }
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = value(a, column, numeric), y = value(b, column, numeric);
        var order = x < y ? -1 : x > y ? 1 : 0;
        if (!ascending) { order = -order; }
        return order || Number(a.getAttribute("data-rank")) - Number(b.getAttribute("data-rank"));
      });
      rows.forEach(function (row) { body.appendChild(row); });
      heads.forEach(function (other) {
        if (other.querySelector("button")) { other.setAttribute("aria-sort", "none"); }
      });
      head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    });
  });
})();
