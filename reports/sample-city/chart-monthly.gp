# monthly: Reads and alerts by month
# Re-run in this folder with: gnuplot chart-monthly.gp
set terminal svg size 900,540 fixed noenhanced font 'DejaVu Sans,17' background rgb 'white'
set output 'chart-monthly.svg'
set title "Reads and alerts by month\nSample City ALPR program, 2025, 2025-01-01 to 2025-12-31"
set border 3
set tics nomirror
set grid ytics lc rgb '#dddddd'
set key off
set ylabel 'reads per month'
set ytics nomirror
set xtics rotate by 40 right
set key tmargin right vertical samplen 1.5
set style fill solid 0.6 border -1
set boxwidth 0.7
set xrange [-0.6:11.6]
set yrange [0:15000]
set ytics ("0" 0, "5,000" 5000, "10,000" 10000, "15,000" 15000)
set y2label 'alerts (hits) per month'
set y2range [0:80]
set y2tics ("0" 0, "20" 20, "40" 40, "60" 60, "80" 80)
plot 'chart-monthly.dat' using 0:2:xtic(1) with boxes lc rgb '#0072B2' title 'reads (left axis)', \
     '' using 0:3 axes x1y2 with linespoints pt 7 lw 2 lc rgb '#D55E00' title 'alerts (right axis)'
set terminal pngcairo size 900,540 noenhanced font 'DejaVu Sans,13' background rgb 'white'
set output 'chart-monthly.png'
replot
set output
